"""The built-in dataset's ``translations`` table: data texts in Spanish, English and Thai.

DRAFT — the Thai and Spanish translations here are drafts for the ATLAS team to review (and the file
name says so). Names of institutions use the official Spanish (Paraguay) or Thai (Thailand) name
where there is one; DMOP names, interview questions and answers are formal translations, not
official wording. Acronyms that are an institution's or a product's own name (ETP, MDT, DSI, AMLO,
ISEPOL, PSA, BOK, CSO, DMOP...) are kept.

Each row is ``(text, es, en, th)``: ``text`` exactly as it appears in the built-in data files; an
empty string is no translation (the dashboard then shows the text as it is). A text is not
translated into the language it is written in. Paraguay's Spanish texts get ``en`` only; Paraguay's
English texts (from the English midterm evaluation) get ``es``, and ``th`` only where the text is
shared with Thailand; Thailand's English texts, and texts of both countries or of neither, get
``es`` and ``th``.
"""
from __future__ import annotations

from pathlib import Path

from builtin.writers import write_csv

FILE_NAME = "ATLAS data texts translations (DRAFT).csv"

ETP_ES = "Programa de Capacitación para la Aplicación de la Ley"  # as the Paraguay files write it
ETP_TH = "หลักสูตรฝึกอบรมด้านการบังคับใช้กฎหมาย"
MDT_ES = "Equipos Multidisciplinarios"
MDT_TH = "ทีมสหวิชาชีพ"

# (text, es, en, th)
DMOP_NAMES = [
    ("All DMOPs", "Todos los DMOP", "", "DMOP ทั้งหมด"),
    ("Enforcement Training Program", ETP_ES, "", ETP_TH),
    ("Living Lab", "Living Lab (laboratorio vivo)", "", ""),
    ("Multidisciplinary Teams Training", f"Capacitación de {MDT_ES}", "", f"การฝึกอบรม{MDT_TH}"),
    ("Community Referrals", "Derivaciones Comunitarias", "", ""),
    ("Coordination DMOPs (Outcome 3) — to be defined", "DMOP de coordinación (Resultado 3) — por definir", "",
     "DMOP ด้านการประสานงาน (ผลลัพธ์ที่ 3) — อยู่ระหว่างการกำหนด"),
    ("Enforcement DMOPs (Outcome 2) — to be defined",
     "DMOP de aplicación de la ley (Resultado 2) — por definir", "",
     "DMOP ด้านการบังคับใช้กฎหมาย (ผลลัพธ์ที่ 2) — อยู่ระหว่างการกำหนด"),
    ("Inter-Platforms Coordination Mechanism", "Mecanismo de Coordinación Interplataformas", "", ""),
    ("Legislation and enforcement DMOPs (Outcomes 1 & 2) — to be defined",
     "DMOP de legislación y aplicación de la ley (Resultados 1 y 2) — por definir", "",
     "DMOP ด้านกฎหมายและการบังคับใช้กฎหมาย (ผลลัพธ์ที่ 1 และ 2) — อยู่ระหว่างการกำหนด"),
    ("Moot Court", "Juicio simulado (Moot Court)", "", ""),
    ("Multi-Agency Unified Enforcement Procedures",
     "Procedimientos Unificados Multiagenciales de Aplicación de la Ley", "", ""),
    ("Practitioner’s Guide on Coordination", "Guía práctica para operadores sobre coordinación", "",
     "คู่มือสำหรับผู้ปฏิบัติงานว่าด้วยการประสานงาน"),
    ("Practitioner’s Guide on Investigation of Forced Labor",
     "Guía práctica para operadores sobre la investigación del trabajo forzoso", "",
     "คู่มือสำหรับผู้ปฏิบัติงานว่าด้วยการสืบสวนคดีแรงงานบังคับ"),
]

ACTIVITIES = [
    ("ToT para la Policía Nacional (piloto ETP)", "", "ToT for the National Police (ETP pilot)", ""),
    ("3-day capacity-building workshop for labor inspectors and investigative officers on investigation of "
     "child labor, forced labor, and human trafficking",
     "Taller de fortalecimiento de capacidades de 3 días para inspectores de trabajo y agentes de investigación "
     "sobre la investigación del trabajo infantil, el trabajo forzoso y la trata de personas", "",
     "การประชุมเชิงปฏิบัติการเสริมสร้างศักยภาพ 3 วัน สำหรับพนักงานตรวจแรงงานและเจ้าหน้าที่สืบสวนสอบสวน "
     "เรื่องการสืบสวนคดีการใช้แรงงานเด็ก แรงงานบังคับ และการค้ามนุษย์"),
    ("ATLAS Thailand Project's Stakeholder Consultation Workshop on DMOP",
     "Taller de consulta con los actores sobre los DMOP del Proyecto ATLAS Tailandia", "",
     "การประชุมเชิงปฏิบัติการรับฟังความคิดเห็นของผู้มีส่วนได้ส่วนเสียเกี่ยวกับ DMOP ของโครงการ ATLAS ประเทศไทย"),
    ("ETP pilot: 2-day Enforcement Training workshop for frontline officers",
     "Piloto del ETP: taller de capacitación de 2 días para la aplicación de la ley dirigido a funcionarios de "
     "primera línea", "",
     "การนำร่อง ETP: การประชุมเชิงปฏิบัติการฝึกอบรมด้านการบังคับใช้กฎหมาย 2 วัน "
     "สำหรับเจ้าหน้าที่ผู้ปฏิบัติงานด่านหน้า"),
    ("MDT training pilot: 2-day training workshop on enhanced coordination and services for protection of child "
     "labor, forced labor and human trafficking victims",
     "Piloto de la capacitación MDT: taller de capacitación de 2 días sobre coordinación y servicios reforzados "
     "para la protección de las víctimas de trabajo infantil, trabajo forzoso y trata de personas", "",
     "การนำร่องการฝึกอบรม MDT: การประชุมเชิงปฏิบัติการฝึกอบรม 2 วัน เรื่องการยกระดับการประสานงานและการให้บริการ"
     "เพื่อคุ้มครองผู้เสียหายจากการใช้แรงงานเด็ก แรงงานบังคับ และการค้ามนุษย์"),
    ("MTE validation meeting (presentation of key evaluation findings)",
     "Reunión de validación de la MTE (presentación de los principales hallazgos de la evaluación)", "",
     "การประชุมรับรองผลการประเมินระยะกลาง (MTE) (นำเสนอข้อค้นพบสำคัญจากการประเมิน)"),
    ("Primera reunión del grupo de trabajo del Living Lab (indemnización a víctimas)", "",
     "First meeting of the Living Lab working group (compensation for victims)", ""),
    ("Segunda reunión del grupo de trabajo del Living Lab: resultados de la encuesta y presentación introductoria "
     "sobre daño", "",
     "Second meeting of the Living Lab working group: survey results and introductory presentation on harm", ""),
    ("Taller de validación de los resultados preliminares del Análisis Pre-Situacional (PSA)", "",
     "Validation workshop on the preliminary results of the Pre-Situational Analysis (PSA)", ""),
]

INSTITUTIONS = [
    # Paraguay, in Spanish
    ("Departamento de Investigación contra la Trata de Personas", "",
     "Department of Investigation against Trafficking in Persons", ""),
    ("Dirección de Policía del Departamento Central", "", "Police Directorate of the Central Department", ""),
    ("Dirección de Policía del Departamento de Alto Paraná", "", "Police Directorate of the Alto Paraná Department",
     ""),
    ("Dirección de Policía del Departamento de Boquerón", "", "Police Directorate of the Boquerón Department", ""),
    ("Instituto Superior de Educación Policial (ISEPOL)", "", "Higher Institute of Police Education (ISEPOL)", ""),
    ("Policía Nacional", "", "National Police", ""),
    # Thailand
    ("Anti-Human Trafficking Division (ATHD), Royal Thai Police",
     "División contra la Trata de Personas (ATHD), Policía Real Tailandesa", "",
     "กองบังคับการปราบปรามการกระทำความผิดเกี่ยวกับการค้ามนุษย์ (ATHD) สำนักงานตำรวจแห่งชาติ"),
    ("Anti-Money Laundering Office (AMLO)", "Oficina contra el Lavado de Dinero (AMLO)", "",
     "สำนักงานป้องกันและปราบปรามการฟอกเงิน (AMLO)"),
    ("Department of Labour Protection and Welfare (DLPW), Ministry of Labour",
     "Departamento de Protección y Bienestar Laboral (DLPW), Ministerio de Trabajo", "",
     "กรมสวัสดิการและคุ้มครองแรงงาน (DLPW) กระทรวงแรงงาน"),
    ("Department of Provincial Administration (DOPA), Ministry of Interior",
     "Departamento de Administración Provincial (DOPA), Ministerio del Interior", "",
     "กรมการปกครอง (DOPA) กระทรวงมหาดไทย"),
    ("Department of Special Investigation (DSI)", "Departamento de Investigaciones Especiales (DSI)", "",
     "กรมสอบสวนคดีพิเศษ (DSI)"),
    ("Immigration Bureau (IB)", "Oficina de Inmigración (IB)", "", "สำนักงานตรวจคนเข้าเมือง (IB)"),
    ("Ministry of Labour (MOL)", "Ministerio de Trabajo (MOL)", "", "กระทรวงแรงงาน (MOL)"),
    ("Ministry of Social Development and Human Security (MSDHS)",
     "Ministerio de Desarrollo Social y Seguridad Humana (MSDHS)", "",
     "กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์ (MSDHS)"),
    ("Office of the Attorney General (OAG)", "Fiscalía General (OAG)", "", "สำนักงานอัยการสูงสุด (OAG)"),
    ("Thailand Anti-Trafficking in Persons Task Force (TATIP), Royal Thai Police",
     "Fuerza de Tarea contra la Trata de Personas de Tailandia (TATIP), Policía Real Tailandesa", "",
     "หน่วยเฉพาะกิจต่อต้านการค้ามนุษย์แห่งประเทศไทย (TATIP) สำนักงานตำรวจแห่งชาติ"),
    ("Anti-Human Trafficking Division (AHTD)", "División contra la Trata de Personas (AHTD)", "",
     "กองบังคับการปราบปรามการกระทำความผิดเกี่ยวกับการค้ามนุษย์ (AHTD)"),
    ("Asylum Access", "Asylum Access", "", "Asylum Access"),
    ("COERR", "COERR", "", "COERR"),
    ("Childline Thailand", "Childline Thailand", "", "มูลนิธิสายเด็ก (Childline Thailand)"),
    ("Department of Children and Youth (DCY)", "Departamento de Niñez y Juventud (DCY)", "",
     "กรมกิจการเด็กและเยาวชน (DCY)"),
    ("Department of Provincial Administration (DOPA)", "Departamento de Administración Provincial (DOPA)", "",
     "กรมการปกครอง (DOPA)"),
    ("Division of Anti-Trafficking in Persons (DATIP)", "División contra la Trata de Personas (DATIP)", "",
     "กองต่อต้านการค้ามนุษย์ (DATIP)"),
    ("International Justice Mission", "International Justice Mission (Misión Internacional de Justicia)", "",
     "International Justice Mission (องค์กรภารกิจเพื่อความยุติธรรมสากล)"),
    ("International Organization for Migration", "Organización Internacional para las Migraciones", "",
     "องค์การระหว่างประเทศเพื่อการโยกย้ายถิ่นฐาน"),
    ("Lift International", "Lift International", "", "Lift International"),
    ("Nightlife International", "Nightlife International", "", "Nightlife International"),
    ("Stella Maris", "Stella Maris", "", "สเตลลา มาริส (Stella Maris)"),
    ("TATIP, Royal Thai Police", "TATIP, Policía Real Tailandesa", "", "TATIP สำนักงานตำรวจแห่งชาติ"),
]

PY_KII_INSTITUTIONS = [  # MTE 5.4.2 (English); es: the Paraguayan name
    ("Court of Appeals for Children and Adolescents", "Tribunal de Apelación de la Niñez y la Adolescencia", "", ""),
    ("Department for Civil, Children and Adolescents Matters",
     "Defensorías en lo Civil y de la Niñez y la Adolescencia", "", ""),
    ("Department for Labor Matters", "Defensorías en lo Laboral", "", ""),
    ("Department of Human Trafficking Prevention Policies",
     "Departamento de Políticas de Prevención de la Trata de Personas", "", ""),
    ("Departmental Government of Boquerón", "Gobernación de Boquerón", "", ""),
    ("Deputy Prosecutors' Offices Prosecution Areas", "Fiscalías Adjuntas (áreas fiscales)", "", ""),
    ("Dequeni", "Fundación Dequení", "", ""),
    ("Directorate of International Norms", "Dirección de Normas Internacionales", "", ""),
    ("Education and Training Department", "Departamento de Educación y Capacitación", "", ""),
    ("General Directorate of Inspection and Control", "Dirección General de Inspección y Fiscalización", "", ""),
    ("General Protection of Children and Adolescents (DGPNA)",
     "Dirección General de Protección a la Niñez y la Adolescencia (DGPNA)", "", ""),
    ("Higher Institute Training Center (ISEPOL)", "Instituto Superior de Educación Policial (ISEPOL)", "", ""),
    ("Human Rights' Directorate", "Dirección de Derechos Humanos", "", ""),
    ("International Center for Judicial Studies", "Centro Internacional de Estudios Judiciales", "", ""),
    ("Investigation Department against Human Trafficking",
     "Departamento de Investigación contra la Trata de Personas", "", ""),
    ("Jurisdictional Unit", "Unidad Jurisdiccional", "", ""),
    ("Ministerial Cabinet", "Gabinete Ministerial", "", ""),
    ("Partners of the Americas", "Compañeros de las Américas", "", ""),
    ("Policy Directorate", "Dirección de Política", "", ""),
    ("Regional Directorate of Labor", "Dirección Regional del Trabajo", "", ""),
    ("Specialized Unit Against Human Trafficking", "Unidad Especializada de Lucha contra la Trata de Personas", "",
     ""),
    # Winrock International is with the organisations; this one is in both countries' profiles
    ("Civil Society Organizations", "Organizaciones de la sociedad civil", "", "องค์กรภาคประชาสังคม"),
]

TH_KII_INSTITUTIONS = [  # MTE 6.3.1 (English)
    ("Department of Anti-Trafficking in Persons", "Departamento contra la Trata de Personas", "",
     "กองต่อต้านการค้ามนุษย์"),
    ("Department of Children and Youth", "Departamento de Niñez y Juventud", "", "กรมกิจการเด็กและเยาวชน"),
    ("Department of Employment", "Departamento de Empleo", "", "กรมการจัดหางาน"),
    ("Department of Labour Protection and Welfare", "Departamento de Protección y Bienestar Laboral", "",
     "กรมสวัสดิการและคุ้มครองแรงงาน"),
    ("Department of Provincial Administration", "Departamento de Administración Provincial", "", "กรมการปกครอง"),
    ("Department of Special Investigation", "Departamento de Investigaciones Especiales", "", "กรมสอบสวนคดีพิเศษ"),
    ("Immigration Bureau", "Oficina de Inmigración", "", "สำนักงานตรวจคนเข้าเมือง"),
    ("Office of the Attorney General", "Fiscalía General", "", "สำนักงานอัยการสูงสุด"),
]

ORGANISATIONS = [  # the "Ministry/ Organization" column of both profile tables
    ("Catholic Office for Emergency Relief and Refugee and LIFT International",
     "Oficina Católica de Ayuda de Emergencia y a Refugiados y LIFT International", "",
     "สำนักงานคาทอลิกสงเคราะห์ผู้ประสบภัยและผู้ลี้ภัย และ LIFT International"),
    ("Civil Society Organization", "Organización de la sociedad civil", "", "องค์กรภาคประชาสังคม"),
    ("Ministry for Social Development", "Ministerio de Desarrollo Social", "", ""),
    ("Ministry for Women", "Ministerio de la Mujer", "", ""),
    ("Ministry of Foreign Affairs", "Ministerio de Relaciones Exteriores", "", ""),
    ("Ministry of Interior", "Ministerio del Interior", "", "กระทรวงมหาดไทย"),
    ("Ministry of Justice", "Ministerio de Justicia", "", "กระทรวงยุติธรรม"),
    ("Ministry of Labor, Employment and Social Security", "Ministerio de Trabajo, Empleo y Seguridad Social", "",
     ""),
    ("Ministry of Labour", "Ministerio de Trabajo", "", "กระทรวงแรงงาน"),
    ("Ministry of Public Defense", "Ministerio de la Defensa Pública", "", ""),
    ("Ministry of Social Development and Human Security", "Ministerio de Desarrollo Social y Seguridad Humana", "",
     "กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์"),
    ("NGO", "ONG", "", "องค์กรพัฒนาเอกชน"),
    ("National Police", "Policía Nacional", "", ""),
    # Office of the Attorney General is with Thailand's key-informant institutions
    ("Provincial Government", "Gobernación (gobierno departamental)", "", ""),
    ("Public Ministry", "Ministerio Público", "", ""),
    ("Royal Thai Police", "Policía Real Tailandesa", "", "สำนักงานตำรวจแห่งชาติ"),
    ("Supreme Court of Justice", "Corte Suprema de Justicia", "", ""),
    ("Winrock International", "Winrock International", "", "Winrock International"),
]

STAKEHOLDERS = [
    ("ATLAS Project Team and Civil Society", "Equipo del Proyecto ATLAS y sociedad civil", "",
     "ทีมงานโครงการ ATLAS และภาคประชาสังคม"),
    ("ATLAS Project Team and Civil Society Organizations Stakeholders",
     "Equipo del Proyecto ATLAS y actores de organizaciones de la sociedad civil", "", ""),
    ("Government Stakeholders", "Actores gubernamentales", "", "ผู้มีส่วนได้ส่วนเสียภาครัฐ"),
    ("CSO", "Organización de la sociedad civil (CSO)", "", "องค์กรภาคประชาสังคม (CSO)"),
    ("project staff", "personal del proyecto", "", "เจ้าหน้าที่โครงการ"),
    ("all respondents", "todos los entrevistados", "", "ผู้ให้ข้อมูลทั้งหมด"),
    ("government decision-maker", "responsable de decisiones del gobierno", "", "ผู้มีอำนาจตัดสินใจภาครัฐ"),
    ("government stakeholder", "actor gubernamental", "", "ผู้มีส่วนได้ส่วนเสียภาครัฐ"),
    ("non-staff (government and CSO)", "ajenos al personal del proyecto (gobierno y CSO)", "",
     "ผู้ที่ไม่ใช่เจ้าหน้าที่โครงการ (ภาครัฐและ CSO)"),
]

QUESTIONS = [
    ("Agencies had already established coordination among themselves, even without the project",
     "Las instituciones ya se coordinaban entre sí, incluso sin el proyecto", "",
     "หน่วยงานต่าง ๆ มีการประสานงานระหว่างกันอยู่แล้ว แม้ไม่มีโครงการ"),
    ("Are the project objectives well aligned with government priorities",
     "¿Los objetivos del proyecto están bien alineados con las prioridades del gobierno?", "",
     "วัตถุประสงค์ของโครงการสอดคล้องกับลำดับความสำคัญของรัฐบาลเป็นอย่างดีหรือไม่"),
    ("Are you familiar with the ATLAS Project?", "¿Conoce usted el Proyecto ATLAS?", "",
     "ท่านรู้จักโครงการ ATLAS หรือไม่"),
    ("BOK and PSA results were presented during a workshop they attended",
     "Los resultados del BOK y del PSA se presentaron en un taller al que asistieron", "",
     "ผลของ BOK และ PSA ได้รับการนำเสนอในการประชุมเชิงปฏิบัติการที่ตนเข้าร่วม"),
    ("Contents", "Contenido", "", "เนื้อหา"),
    ("Do you recall having referred to the Body of Knowledge?",
     "¿Recuerda haber consultado el Cuerpo de Conocimientos (BOK)?", "",
     "ท่านจำได้หรือไม่ว่าเคยอ้างอิงชุดองค์ความรู้ (BOK)"),
    ("Do you recall the presentation of the PSA at the start of the project?",
     "¿Recuerda la presentación del PSA al inicio del proyecto?", "",
     "ท่านจำการนำเสนอ PSA เมื่อเริ่มโครงการได้หรือไม่"),
    ("Does the interviewee correctly identify the activity?", "¿El entrevistado identifica correctamente la actividad?",
     "", "ผู้ให้สัมภาษณ์ระบุกิจกรรมได้ถูกต้องหรือไม่"),
    ("Does the interviewee mention the objectives when invited to so?",
     "¿El entrevistado menciona los objetivos cuando se le invita a hacerlo?", "",
     "ผู้ให้สัมภาษณ์กล่าวถึงวัตถุประสงค์ของโครงการเมื่อได้รับเชิญให้กล่าวถึงหรือไม่"),
    ("Familiar with the project's goals and/or objectives", "Conocen las metas y/o los objetivos del proyecto", "",
     "คุ้นเคยกับเป้าหมายและ/หรือวัตถุประสงค์ของโครงการ"),
    ("HT training documents used as reference or knowledge management resources in their organization",
     "Los documentos de capacitación sobre trata de personas se usan como referencia o recurso de gestión del "
     "conocimiento en su organización", "",
     "เอกสารการฝึกอบรมด้านการค้ามนุษย์ถูกใช้เป็นเอกสารอ้างอิงหรือแหล่งการจัดการความรู้ในองค์กรของตน"),
    ("Had seen the BOK or PSA, or reviewed part of the PSA", "Habían visto el BOK o el PSA, o revisado parte del PSA",
     "", "เคยเห็น BOK หรือ PSA หรือได้ทบทวน PSA บางส่วน"),
    ("Have applied the training topics in their work", "Han aplicado los temas de la capacitación en su trabajo", "",
     "ได้นำหัวข้อการฝึกอบรมไปใช้ในการปฏิบัติงานแล้ว"),
    ("Have you participated in one of the Project activities?",
     "¿Ha participado usted en alguna de las actividades del Proyecto?", "",
     "ท่านเคยเข้าร่วมกิจกรรมใดกิจกรรมหนึ่งของโครงการหรือไม่"),
    ("Instructors", "Instructores", "", "วิทยากร"),
    ("Involved since the design, planning and preparation of the project activities",
     "Participan desde el diseño, la planificación y la preparación de las actividades del proyecto", "",
     "มีส่วนร่วมตั้งแต่การออกแบบ การวางแผน และการเตรียมกิจกรรมของโครงการ"),
    ("Key informants by gender", "Informantes clave por género", "", "ผู้ให้ข้อมูลหลักจำแนกตามเพศ"),
    ("Key informants by stakeholder type", "Informantes clave por tipo de actor", "",
     "ผู้ให้ข้อมูลหลักจำแนกตามประเภทผู้มีส่วนได้ส่วนเสีย"),
    ("Knew about Winrock or the ATLAS project before taking part in the workshops",
     "Conocían a Winrock o el proyecto ATLAS antes de participar en los talleres", "",
     "รู้จัก Winrock หรือโครงการ ATLAS ก่อนเข้าร่วมการประชุมเชิงปฏิบัติการ"),
    ("Learnings from the workshop can be used in their work on CL, FL and HT",
     "Lo aprendido en el taller puede aplicarse en su trabajo sobre trabajo infantil, trabajo forzoso y trata de "
     "personas", "",
     "สิ่งที่ได้เรียนรู้จากการประชุมเชิงปฏิบัติการสามารถนำไปใช้ในงานด้านการใช้แรงงานเด็ก แรงงานบังคับ และการค้ามนุษย์"),
    ("Liked investigation and interview techniques for adults and children the most",
     "Lo que más les gustó: las técnicas de investigación y de entrevista a personas adultas y a niños, niñas y "
     "adolescentes", "",
     "ชื่นชอบหัวข้อเทคนิคการสืบสวนและการสัมภาษณ์ผู้ใหญ่และเด็กมากที่สุด"),
    ("Methodologies", "Metodologías", "", "วิธีการฝึกอบรม"),
    ("Organization", "Organización", "", "การจัดการฝึกอบรม"),
    ("Participation", "Participación", "", "การมีส่วนร่วม"),
    ("Project activities increased their interactions with counterparts in other offices on HT",
     "Las actividades del proyecto aumentaron su interacción con contrapartes de otras oficinas en materia de "
     "trata de personas", "",
     "กิจกรรมของโครงการช่วยเพิ่มการติดต่อประสานงานกับเจ้าหน้าที่ของหน่วยงานอื่นในประเด็นการค้ามนุษย์"),
    ("Project documents were made available for download",
     "Los documentos del proyecto se pusieron a disposición para su descarga", "",
     "เอกสารของโครงการเปิดให้ดาวน์โหลดได้"),
    ("Project strategy and interventions allowed sufficient flexibility to respond to the local context",
     "La estrategia y las intervenciones del proyecto dieron suficiente flexibilidad para responder al contexto "
     "local", "",
     "กลยุทธ์และการดำเนินงานของโครงการมีความยืดหยุ่นเพียงพอในการตอบสนองต่อบริบทในพื้นที่"),
    ("Project strategy, interventions and activities met the expectations of government stakeholders",
     "La estrategia, las intervenciones y las actividades del proyecto cumplieron las expectativas de los actores "
     "gubernamentales", "",
     "กลยุทธ์ การดำเนินงาน และกิจกรรมของโครงการเป็นไปตามความคาดหวังของผู้มีส่วนได้ส่วนเสียภาครัฐ"),
    ("Scheduling", "Programación (fechas y horarios)", "", "การกำหนดวันและเวลา"),
    ("Training topics on human trafficking could be applied in foreign countries",
     "Los temas de capacitación sobre trata de personas podrían aplicarse en otros países", "",
     "หัวข้อการฝึกอบรมด้านการค้ามนุษย์สามารถนำไปใช้ในต่างประเทศได้"),
    ("Workshop attendance of key informants", "Asistencia de los informantes clave a los talleres", "",
     "การเข้าร่วมการประชุมเชิงปฏิบัติการของผู้ให้ข้อมูลหลัก"),
    ("Workshops had content they did not previously know",
     "Los talleres tuvieron contenidos que no conocían previamente", "",
     "การประชุมเชิงปฏิบัติการมีเนื้อหาที่ตนไม่เคยทราบมาก่อน"),
]


ANSWERS = [
    ("ATLAS project staff (HQ and Thailand office)",
     "Personal del proyecto ATLAS (sede central y oficina de Tailandia)", "",
     "เจ้าหน้าที่โครงการ ATLAS (สำนักงานใหญ่และสำนักงานประเทศไทย)"),
    ("CSO staff", "Personal de organizaciones de la sociedad civil (CSO)", "",
     "เจ้าหน้าที่องค์กรภาคประชาสังคม (CSO)"),
    ("Decision-makers", "Responsables de la toma de decisiones", "", "ผู้มีอำนาจตัดสินใจ"),
    ("General government stakeholders", "Actores gubernamentales en general", "", "ผู้มีส่วนได้ส่วนเสียภาครัฐทั่วไป"),
    ("Government decision-makers", "Responsables de la toma de decisiones del gobierno", "",
     "ผู้มีอำนาจตัดสินใจภาครัฐ"),
    ("Only negative", "Solo negativos", "", "เชิงลบเท่านั้น"),
    ("Only positive", "Solo positivos", "", "เชิงบวกเท่านั้น"),
    ("Positive and negative", "Positivos y negativos", "", "ทั้งเชิงบวกและเชิงลบ"),
    ("Participants", "Participantes", "", "ผู้เข้าร่วม"),
    ("Project staff", "Personal del proyecto", "", "เจ้าหน้าที่โครงการ"),
    ("The Enforcement Training Program 2-day and 3-day training",
     f"Capacitaciones de 2 y 3 días del {ETP_ES}", "", f"การฝึกอบรม 2 วันและ 3 วัน ของ{ETP_TH}"),
    ("The Enforcement Training Program 2-day training",
     f"Capacitación de 2 días del {ETP_ES}", "", f"การฝึกอบรม 2 วัน ของ{ETP_TH}"),
    ("The Enforcement Training Program 2-day training and the Multi-Disciplinary Teams 2-day online training",
     f"Capacitación de 2 días del {ETP_ES} y capacitación en línea de 2 días de {MDT_ES}", "",
     f"การฝึกอบรม 2 วัน ของ{ETP_TH} และการฝึกอบรมออนไลน์ 2 วัน สำหรับ{MDT_TH}"),
    ("The Enforcement Training Program 2-day training; and Enforcement Training Program, Ministry of Labour 3-day "
     "training",
     f"Capacitación de 2 días del {ETP_ES}; y capacitación de 3 días del {ETP_ES}, Ministerio de Trabajo", "",
     f"การฝึกอบรม 2 วัน ของ{ETP_TH} และการฝึกอบรม 3 วัน ของ{ETP_TH} กระทรวงแรงงาน"),
    ("The Enforcement Training Program 3-day training",
     f"Capacitación de 3 días del {ETP_ES}", "", f"การฝึกอบรม 3 วัน ของ{ETP_TH}"),
    ("The Enforcement Training Program 3-day training and Multi-Disciplinary Teams 2-day training",
     f"Capacitación de 3 días del {ETP_ES} y capacitación de 2 días de {MDT_ES}", "",
     f"การฝึกอบรม 3 วัน ของ{ETP_TH} และการฝึกอบรม 2 วัน สำหรับ{MDT_TH}"),
    ("The Enforcement Training Program, Ministry of Labour, 3-day training",
     f"Capacitación de 3 días del {ETP_ES}, Ministerio de Trabajo", "",
     f"การฝึกอบรม 3 วัน ของ{ETP_TH} กระทรวงแรงงาน"),
    ("The Multi-Disciplinary Teams 2-day online training", f"Capacitación en línea de 2 días de {MDT_ES}", "",
     f"การฝึกอบรมออนไลน์ 2 วัน สำหรับ{MDT_TH}"),
]

INDICATORS = [  # es as in atlas_data/locales/es/pages.json
    ("Activities implemented to strengthen the labor and/or criminal judicial system",
     "Actividades implementadas para fortalecer el sistema judicial laboral y/o penal", "",
     "กิจกรรมที่ดำเนินการเพื่อเสริมสร้างความเข้มแข็งของกระบวนการยุติธรรมด้านแรงงานและ/หรือทางอาญา"),
    ("Evidence-based coordination models that address institutional priorities",
     "Modelos de coordinación basados en evidencia que atienden prioridades institucionales", "",
     "รูปแบบการประสานงานที่อิงหลักฐานเชิงประจักษ์ซึ่งตอบสนองต่อลำดับความสำคัญของหน่วยงาน"),
    ("Individuals provided with training or other support",
     "Personas que recibieron capacitación u otro apoyo", "",
     "บุคคลที่ได้รับการฝึกอบรมหรือการสนับสนุนอื่น ๆ"),
]

TRANSLATIONS = (DMOP_NAMES + ACTIVITIES + INSTITUTIONS + PY_KII_INSTITUTIONS + TH_KII_INSTITUTIONS
                + ORGANISATIONS + STAKEHOLDERS + QUESTIONS + ANSWERS + INDICATORS)


def data_translations(out: Path) -> None:
    """``ATLAS data texts translations (DRAFT).csv``: one row per data text, columns text, es, en, th."""
    texts = [row[0] for row in TRANSLATIONS]
    duplicates = sorted({t for t in texts if texts.count(t) > 1})
    if duplicates:
        raise ValueError(f"texts given twice: {duplicates}")
    rows = [["text", "es", "en", "th"]] + [list(row) for row in TRANSLATIONS]
    write_csv(out / FILE_NAME, rows, delimiter=",", encoding="utf-8-sig")
